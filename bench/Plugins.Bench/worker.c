/* A native plugin worker for the bench: answers hello and echoes params (the protocol of PROTOCOL.md). It relies on
   the daemon writing {"id":N,"method":"M","params":P} in that order, which it does; it is not a general JSON reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int read_all(int fd, char *buffer, size_t length) {
    size_t done = 0;
    while (done < length) {
        ssize_t n = read(fd, buffer + done, length - done);
        if (n <= 0) return -1;
        done += (size_t)n;
    }
    return 0;
}

static int write_frame(const char *body, size_t length) {
    unsigned char prefix[4] = { length >> 24, length >> 16, length >> 8, length };
    if (write(1, prefix, 4) != 4) return -1;
    return write(1, body, length) == (ssize_t)length ? 0 : -1;
}

int main(void) {
    unsigned char prefix[4];
    while (read_all(0, (char *)prefix, 4) == 0) {
        size_t length = ((size_t)prefix[0] << 24) | (prefix[1] << 16) | (prefix[2] << 8) | prefix[3];
        char *request = malloc(length + 1);
        if (request == NULL || read_all(0, request, length) != 0) return 1;
        request[length] = 0;
        const char *id = strstr(request, "\"id\":");
        const char *params = strstr(request, "\"params\":");
        long long number = id ? atoll(id + 5) : -1;
        size_t cap = length + 64;
        char *response = malloc(cap);
        int n;
        if (strstr(request, "\"method\":\"hello\"") != NULL) {
            n = snprintf(response, cap, "{\"id\":%lld,\"result\":{\"protocol\":1}}", number);
        } else if (params != NULL) {
            params += 9;
            n = snprintf(response, cap, "{\"id\":%lld,\"result\":%.*s}", number, (int)(request + length - 1 - params), params);
        } else {
            n = snprintf(response, cap, "{\"id\":%lld,\"result\":null}", number);
        }
        if (write_frame(response, (size_t)n) != 0) return 1;
        free(response);
        free(request);
    }
    return 0;
}
