/* fuzz_verify_cache.c - the dataset verify cache (ROOT/.benchgate-verify-cache: a header line,
 * then sha256 TAB size TAB mtime TAB ctime TAB inode TAB device TAB path per file), as
 * benchgate verify and bg_dataset_verify read it back; then every entry is looked up with its
 * own key, a stale key must miss, and one more entry is added. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/dataset.h"
#include "config/config.h"
#include "datasets/datasets.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static char path[BG__PATH_MAX];
    const char *root = bg_fuzz_tmpdir("verify_cache");
    if (path[0] == '\0')
        snprintf(path, sizeof path, "%s/%s", root, BG_VERIFY_CACHE_NAME);
    if (bg_fuzz_write(path, data, size) != 0)
        return 0;
    bg__vcache c;
    bg__vcache_load(&c, root);
    if (c.count > 0 && c.entries == NULL)
        abort();
    for (size_t i = 0; i < c.count; i++) {
        const bg__vcache_entry *e = &c.entries[i];
        if (e->path == NULL || strlen(e->sha256) != 64)
            abort(); /* a loaded entry has a path and a whole SHA-256 */
        const char *sha = bg__vcache_lookup(&c, e->path, &e->key);
        if (sha == NULL || strcmp(sha, e->sha256) != 0)
            abort(); /* an entry is found with its own key */
        bg__file_key stale = e->key;
        stale.mtime_ns = (stale.mtime_ns + 1) % 1000000000;
        if (bg__vcache_lookup(&c, e->path, &stale) != NULL)
            abort(); /* a changed file never matches */
    }
    bg__file_key key = {0};
    key.size = 1;
    if (bg__vcache_put(&c, "fuzz/new.bin", &key,
                       "0000000000000000000000000000000000000000000000000000000000000000") ==
            BG_OK &&
        bg__vcache_lookup(&c, "fuzz/new.bin", &key) == NULL)
        abort();
    bg__vcache_free(&c);
    unlink(path);
    return 0;
}
