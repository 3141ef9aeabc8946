/* results.h - the files of a sweep's folder as `pelsim plot` trusts them:
 * the journal's record of its configuration, study.csv, axes.csv, and
 * whether the results there are whole.
 *
 * A sweep's journal (DIR/runs.partial.csv) starts with one line naming
 * the digests of its configuration (sweep.h):
 *     # pelsim sweep journal: config=H scenario=H set=H policies=H seeds=H options=H
 * (H: 16 hex digits); config, the digest of the others, is also written to
 * DIR/study.csv when the sweep finishes, with the counts that say how many
 * rows runs.csv and summary.csv hold:
 *     key,value
 *     scaling,strong|weak
 *     config,H
 *     points,P
 *     policies,K
 *     replications,R
 * Older sweeps wrote study.csv with scaling only, or none: a missing key
 * is not checked; an unknown or repeated one is an error. */
#ifndef PEL_RESULTS_H
#define PEL_RESULTS_H

#include <stddef.h>
#include <stdint.h>

/* The first words of a journal's first line. */
#define PEL_JOURNAL_MAGIC "# pelsim sweep journal:"

/* The parts of a configuration, in the order of the journal's line. */
enum { PEL_CONFIG_SCENARIO, PEL_CONFIG_SET, PEL_CONFIG_POLICIES, PEL_CONFIG_SEEDS, PEL_CONFIG_OPTIONS, PEL_CONFIG_PARTS };

/* The digests of a sweep's configuration. */
typedef struct {
	uint64_t config;                  /* of the parts */
	uint64_t part[PEL_CONFIG_PARTS];
} pel_config_id;

/* Sets id->config from id->part. */
void pel_config_id_seal(pel_config_id *id);
/* Writes the journal's first line (no newline) into buf. */
void pel_config_id_format(const pel_config_id *id, char *buf, size_t n);
/* Reads a journal's first line (no newline); returns 0, or -1 when it is
 * no such line. */
int pel_config_id_parse(const char *line, pel_config_id *id);
/* The parts of a that differ from b, as "the scenario (or a file it
 * reads), --set" into buf. */
void pel_config_id_diff(const pel_config_id *a, const pel_config_id *b, char *buf, size_t n);

/* What DIR/study.csv says (zero/absent where it says nothing). */
typedef struct {
	int weak;                 /* scaling,weak */
	int has_config;
	uint64_t config;
	uint64_t points, policies, replications; /* 0: not recorded */
} pel_study;

/* Reads DIR/study.csv strictly into *st (all zero when the file is
 * missing).  Returns 0, or -1 with one line "FILE:LINE:COL: FIELD:
 * expected ..., found ..." in err. */
int pel_study_read(const char *dir, pel_study *st, char *err, size_t errlen);

/* Reads DIR/axes.csv strictly: each row names one of the naxes axes
 * (once) and its label; labels[a] gets a copy of a non-empty label
 * (free them), NULL otherwise.  A missing file leaves labels NULL.
 * Returns 0, or -1 with one line in err as for study.csv. */
int pel_axes_read(const char *dir, char *const *axes, size_t naxes, char **labels, char *err, size_t errlen);

/* Whether DIR holds no unfinished sweep: no journal, or one whose
 * configuration is the one study.csv records (the sweep finished and only
 * the journal's removal was missed).  Returns 0, or -1 with one line in
 * err naming the journal. */
int pel_results_finished(const char *dir, char *err, size_t errlen);

/* Whether the results in DIR are whole for what study.csv counts (counts
 * it lacks are not checked): summary_rows = points x policies rows in
 * summary.csv, and points x policies x replications rows in runs.csv.
 * Returns 0, or -1 with one line in err. */
int pel_results_whole(const char *dir, const pel_study *st, size_t summary_rows, char *err, size_t errlen);

#endif
