/* helder-web-forms.c — placeholder until its owner fills it in */
#define G_LOG_DOMAIN "helder-web"
#include "config.h"
#include "web/helder-web-private.h"
void helder_web_handle_moment_new (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_moment_create (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_moment_page (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_moment_update (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_moment_approve (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_moment_cancel (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_commitment_page (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_commitment_record (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_gate_page (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_gate_decide (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
