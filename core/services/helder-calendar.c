/* helder-calendar.c — placeholder until its owner fills it in */
