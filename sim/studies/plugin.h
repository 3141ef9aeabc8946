/* plugin.h - user policies from shared objects. */
#ifndef PEL_PLUGIN_H
#define PEL_PLUGIN_H

#include <stddef.h>

/* Loads the shared object at path and registers the `pel_policy` it
 * exports as `pel_user_policy`.  Returns 0, or -1 with one line in err
 * (cannot load, no such symbol, a policy of that name exists). */
int pel_plugin_load(const char *path, char *err, size_t errlen);

#endif
