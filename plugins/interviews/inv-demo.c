#include "config.h"
#include "inv-private.h"
void
inv_demo_register (HelderContext *context)
{
}
