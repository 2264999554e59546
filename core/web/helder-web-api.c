/* helder-web-api.c — placeholder until its owner fills it in */
#define G_LOG_DOMAIN "helder-web"
#include "config.h"
#include "web/helder-web-private.h"
void helder_web_handle_api_list (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_api_get (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_api_create (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_api_update (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_api_status (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_api_audience (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_api_moment_action (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_api_commitment_record (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_api_gate_decide (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
const HelderEntity *helder_web_api_entity (const char *collection) { return NULL; }
