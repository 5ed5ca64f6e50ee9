/* baseline_set.h - replacing a machine class's baseline folder as a whole (baseline_set.c). */
#ifndef BENCHGATE_CLI_BASELINE_SET_H
#define BENCHGATE_CLI_BASELINE_SET_H

#include <stddef.h>

/** Creates dir (and parents) and takes its exclusive lock, waiting for another capture.
 *  @return the lock's descriptor, or -1 (message printed) */
int baseline_set_lock(const char *dir);

/** Releases the lock (accepts -1). */
void baseline_set_unlock(int fd);

/** Removes staging folders that a killed capture left in dir (call with the lock held). */
void baseline_set_clean_stale(const char *dir);

/** Makes dir/.CLS.new.PID holding a copy of dir/CLS/ *.json; its path goes to staging.
 *  @return 0, or 2 (message printed, nothing left behind) */
int baseline_set_stage(const char *dir, const char *cls, char *staging, size_t size);

/** Puts staging in place of dir/CLS in one rename and removes the old set.
 *  @return 0, or 2 (message printed; dir/CLS as it was) */
int baseline_set_swap(const char *dir, const char *cls, const char *staging);

/** Removes a staging folder that will not be put in place. */
void baseline_set_discard(const char *staging);

#endif /* BENCHGATE_CLI_BASELINE_SET_H */
