/* result_status.c - whether a run directory holds a finished result (benchgate start --resume
 * keeps those parts as they are). */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <sys/stat.h>

#include "benchgate/results.h"
#include "common/common.h"
#include "results/results.h"
#include "config/config.h"

int bg_result_is_complete(const char *path) {
    char file[BG__PATH_MAX + 32];
    struct stat st;
    int n = stat(path, &st) == 0 && S_ISDIR(st.st_mode)
                ? snprintf(file, sizeof file, "%s/result.json", path)
                : snprintf(file, sizeof file, "%s", path);
    if (n < 0 || (size_t)n >= sizeof file)
        return 0;
    cJSON *doc = NULL;
    bg__error err = {BG_OK, ""};
    if (bg__load_result(file, &doc, &err) != BG_OK)
        return 0;
    int complete = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "complete"));
    cJSON_Delete(doc);
    return complete;
}
