/* helder-web-dashboard.c — placeholder until its owner fills it in */
#define G_LOG_DOMAIN "helder-web"
#include "config.h"
#include "web/helder-web-private.h"
void helder_web_handle_dashboard (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_timeline_svg (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
void helder_web_handle_heatmap_svg (HelderWebRequest *request) { helder_web_respond_error (request, 501, "not_implemented", NULL, "not implemented yet"); }
