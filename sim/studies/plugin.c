#include "plugin.h"

#include "../../policies/policy.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int pel_plugin_load(const char *path, char *err, size_t errlen)
{
	/* dlopen searches the library path for a bare name: insist on a path */
	char buf[4096];
	if (!strchr(path, '/'))
		snprintf(buf, sizeof buf, "./%s", path);
	else
		snprintf(buf, sizeof buf, "%s", path);
	void *h = dlopen(buf, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(err, errlen, "--policy-lib: cannot load '%s': %s", path, dlerror());
		return -1;
	}
	const pel_policy *p = dlsym(h, "pel_user_policy");
	if (!p) {
		snprintf(err, errlen, "--policy-lib: '%s' exports no symbol pel_user_policy", path);
		dlclose(h);
		return -1;
	}
	if (!p->name || !p->next_task || !p->task_ready) {
		snprintf(err, errlen, "--policy-lib: the policy in '%s' lacks a name, task_ready or next_task", path);
		dlclose(h);
		return -1;
	}
	if (pel_policy_register(p)) {
		snprintf(err, errlen, "--policy-lib: '%s' defines policy '%s', which exists already", path, p->name);
		dlclose(h);
		return -1;
	}
	/* the handle stays open for the life of the process: the policy lives in it */
	return 0;
}
