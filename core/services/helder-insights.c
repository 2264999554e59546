/* helder-insights.c — placeholder until its owner fills it in */
