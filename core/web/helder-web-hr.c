/* helder-web-hr.c — placeholder until its owner fills it in */
#define G_LOG_DOMAIN "helder-web"
#include "config.h"
#include "web/helder-web-private.h"
void helder_web_handle_hr_board (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_hr_place (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_api_hr_board (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_audit_page (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_api_audit (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
