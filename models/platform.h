/* platform.h - the machine: devices, memory nodes, links and routes.
 *
 * A platform is built once (by the scenario reader or by code), then
 * frozen with pel_platform_finish, which computes the routes between
 * memory nodes.  After that it is read-only and shared by the backends
 * and the policies. */
#ifndef PEL_PLATFORM_H
#define PEL_PLATFORM_H

#include <stdint.h>

typedef uint32_t pel_device_id;
#define PEL_NO_DEVICE UINT32_MAX

typedef enum {
	PEL_CLASS_CPU,
	PEL_CLASS_GPU,
	PEL_CLASS_FPGA,
	PEL_CLASS_OTHER /* a user-named class */
} pel_class_kind;

typedef enum {
	PEL_NET_IDEAL,  /* literature model: 0 on the same node, edge cost otherwise */
	PEL_NET_SHARED, /* flows share the links of their routes max-min fairly */
} pel_net_model;

typedef struct {
	char *kind;        /* task kind this efficiency applies to */
	double value;      /* fraction of the device's speed, > 0 */
} pel_efficiency;

typedef struct {
	char *name;        /* instance name, unique: "gpu0", or "P1" */
	char *group;       /* name of the entry it came from: "gpu" */
	char *class_name;  /* "cpu", "gpu", "fpga" or a user class */
	pel_class_kind class_kind;
	double speed;      /* flop/s */
	uint32_t slots;    /* tasks it runs at once (FPGA: regions) */
	uint32_t node;     /* memory node index */
	double launch;     /* seconds added to every task it runs */
	double reconfig;   /* seconds to load a new kernel kind into a slot */
	pel_efficiency *eff;
	uint32_t neff;
} pel_device;

typedef struct {
	char *name;
	double capacity;   /* bytes; 0 = unlimited */
} pel_node;

typedef struct {
	uint32_t a, b;     /* memory nodes joined (both directions) */
	double bandwidth;  /* bytes/s */
	double latency;    /* seconds */
} pel_link;

typedef struct {
	pel_device *devices;
	uint32_t ndevices;
	uint32_t dev_cap;  /* room in devices (grown by doubling) */
	pel_node *nodes;
	uint32_t nnodes;
	pel_link *links;
	uint32_t nlinks;
	pel_net_model net;
	/* filled by pel_platform_finish: for each ordered node pair (a*nnodes+b),
	 * the route's total latency and bottleneck bandwidth (0 = no route;
	 * a node to itself has latency 0 and infinite bandwidth) */
	double *route_latency;
	double *route_bandwidth;
	uint32_t *route_hops;
	/* for each ordered pair (a*nnodes+b), the link by which the route from
	 * a reaches b (its last hop; UINT32_MAX when a == b or no route): the
	 * BFS tree of a, walked back by pel_platform_route */
	uint32_t *route_last;
	uint32_t max_hops;  /* longest route, in links */
	uint32_t total_slots;
	/* device names hashed (open addressing, linear probing): device id
	 * + 1 per cell, 0 for empty; kept by pel_platform_add_device */
	uint32_t *name_index;
	uint32_t name_cap;  /* cells, a power of two, at least twice ndevices */
} pel_platform;

/* Returns an empty platform with the ideal network model. */
pel_platform *pel_platform_new(void);
/* Frees the platform and everything it owns. */
void pel_platform_free(pel_platform *p);

/* Returns the index of the memory node called name, adding it (unlimited
 * capacity) when absent. */
uint32_t pel_platform_node(pel_platform *p, const char *name);
/* Index of the node called name, or UINT32_MAX. */
uint32_t pel_platform_find_node(const pel_platform *p, const char *name);
/* Appends a device (strings are copied, eff is copied) and returns its id. */
pel_device_id pel_platform_add_device(pel_platform *p, const pel_device *d);
/* Appends a bidirectional link between nodes a and b. */
void pel_platform_add_link(pel_platform *p, uint32_t a, uint32_t b,
			   double bandwidth, double latency);
/* Index of the device called name, or PEL_NO_DEVICE, in O(1) expected. */
pel_device_id pel_platform_find_device(const pel_platform *p, const char *name);

/* Computes the routes (fewest hops, ties broken by link order) and slot
 * totals.  Call once after the last add; the platform is then read-only. */
void pel_platform_finish(pel_platform *p);

/* Writes the links of the route from node a to node b into links (room
 * for max_hops of them), in order from a, and returns how many (0 when
 * a == b or no route joins them).  Call after pel_platform_finish. */
uint32_t pel_platform_route(const pel_platform *p, uint32_t a, uint32_t b, uint32_t *links);

/* Class of a class name: "cpu", "gpu", "fpga", anything else OTHER. */
pel_class_kind pel_class_of(const char *class_name);

#endif
