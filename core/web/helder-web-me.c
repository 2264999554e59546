/* helder-web-me.c — placeholder until its owner fills it in */
#define G_LOG_DOMAIN "helder-web"
#include "config.h"
#include "web/helder-web-private.h"
void helder_web_handle_me_page (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_person_page (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_api_me (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_me_calendar (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_person_calendar (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
