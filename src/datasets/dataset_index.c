/* dataset_index.c - the flat TSV index of a manifest, for scripts/get_dataset.sh and CMake. */
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "datasets/datasets.h"

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void index_dataset(bg__strbuf *sb, const bg_manifest_dataset *d) {
    for (size_t i = 0; i < d->file_count; i++) {
        const bg_manifest_file *f = &d->files[i];
        bg__sb_printf(sb, "%s\t%ld\t%s\t%llu\t%s\t", d->name, d->version, f->path,
                      (unsigned long long)f->size, f->sha256);
        for (size_t j = 0; j < f->url_count; j++)
            bg__sb_printf(sb, "%s%s", j ? " " : "", f->urls[j]);
        bg__sb_printf(sb, "\n");
    }
}

bg_err bg_manifest_index(const bg_manifest *m, char **out_text, char *errbuf, size_t errlen) {
    bg__error err = {0};
    bg__strbuf sb = {0};
    *out_text = NULL;
    bg__sb_printf(&sb,
                  "# benchgate datasets index v1: generated from %s by `benchgate datasets "
                  "index`; do not edit\n"
                  "# name\tversion\tpath\tsize\tsha256\turls (space-separated)\n",
                  base_name(bg_manifest_path(m)));
    for (size_t i = 0; i < bg_manifest_count(m); i++)
        index_dataset(&sb, bg_manifest_get(m, i));
    if (sb.failed) {
        bg__sb_free(&sb);
        bg__set_error(&err, BG_ENOMEM, "out of memory building the index");
        return bg__errbuf(&err, err.code, errbuf, errlen);
    }
    *out_text = sb.data;
    return BG_OK;
}
