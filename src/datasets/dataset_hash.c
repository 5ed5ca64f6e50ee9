/* dataset_hash.c - the stat fields that key the verify cache (the SHA-256 is common/sha256.c). */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/common.h"
#include "datasets/datasets.h"

void bg__file_key_of(const struct stat *st, bg__file_key *key) {
    key->size = (uint64_t)st->st_size;
    key->inode = (uint64_t)st->st_ino;
    key->device = (uint64_t)st->st_dev;
#if defined(__APPLE__)
    key->mtime_s = (int64_t)st->st_mtimespec.tv_sec;
    key->mtime_ns = (int64_t)st->st_mtimespec.tv_nsec;
    key->ctime_s = (int64_t)st->st_ctimespec.tv_sec;
    key->ctime_ns = (int64_t)st->st_ctimespec.tv_nsec;
#else
    key->mtime_s = (int64_t)st->st_mtim.tv_sec;
    key->mtime_ns = (int64_t)st->st_mtim.tv_nsec;
    key->ctime_s = (int64_t)st->st_ctim.tv_sec;
    key->ctime_ns = (int64_t)st->st_ctim.tv_nsec;
#endif
}
