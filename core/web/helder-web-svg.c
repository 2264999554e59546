/* helder-web-svg.c — placeholder until its owner fills it in */
