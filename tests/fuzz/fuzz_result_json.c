/* fuzz_result_json.c - result files as baselines are read back: parse, then compare the
 * document with itself (every metric, verdict and printer path). */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/compare.h"
#include "common/common.h"
#include "gate/gate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = malloc(size + 1);
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    cJSON *doc = NULL;
    bg__error err = {0};
    if (bg__parse_result(text, "fuzz.json", &doc, &err) == BG_OK) {
        bg_compare *c = bg_compare_create(NULL);
        bg__compare_documents(c, doc, doc);
        FILE *sink = fopen("/dev/null", "w");
        if (sink) {
            bg_compare_print(c, sink, "table");
            bg_compare_print(c, sink, "json");
            fclose(sink);
        }
        bg_compare_free(c);
        cJSON_Delete(doc);
    }
    free(text);
    return 0;
}
