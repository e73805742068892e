// Streaming gzip decompression for the archive scanner: zlib's inflate behind a glibc cookie FILE, so that
// libpcap reads a .gz capture directly, with memory bounded by one input and one stdio buffer.
#define _GNU_SOURCE
#include "CGzip.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

enum { CHUNK = 1 << 16 };

struct cgz_stream {
    int fd;
    int refs;
    int done;
    int eof;
    int member_ended;
    int error;
    uint32_t members;
    uint64_t limit;
    uint64_t in_total;
    uint64_t out_total;
    z_stream z;
    char message[160];
    unsigned char in[CHUNK];
};

static void set_error(cgz_stream *s, int kind, const char *message) {
    if (s->error == CGZ_OK) {
        s->error = kind;
        snprintf(s->message, sizeof s->message, "%s", message);
    }
    s->done = 1;
}

cgz_stream *cgz_open(const char *path, uint64_t limit) {
    cgz_stream *s = calloc(1, sizeof *s);
    if (s == NULL) return NULL;
    s->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (s->fd < 0) {
        int e = errno;
        free(s);
        errno = e;
        return NULL;
    }
    s->refs = 1;
    s->limit = limit;
    // 15 + 32: a gzip or zlib header, detected automatically.
    if (inflateInit2(&s->z, 15 + 32) != Z_OK) {
        close(s->fd);
        free(s);
        errno = ENOMEM;
        return NULL;
    }
    s->members = 1;
    return s;
}

static void destroy(cgz_stream *s) {
    inflateEnd(&s->z);
    if (s->fd >= 0) close(s->fd);
    free(s);
}

void cgz_release(cgz_stream *s) {
    if (s == NULL) return;
    if (--s->refs == 0) destroy(s);
}

/// Refills the input buffer; 0 at the end of the file, -1 on a read error.
static int refill(cgz_stream *s) {
    if (s->eof) return 0;
    for (;;) {
        ssize_t n = read(s->fd, s->in, CHUNK);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            set_error(s, CGZ_IO, strerror(errno));
            return -1;
        }
        if (n == 0) {
            s->eof = 1;
            return 0;
        }
        s->z.next_in = s->in;
        s->z.avail_in = (uInt)n;
        s->in_total += (uint64_t)n;
        return 1;
    }
}

size_t cgz_read(cgz_stream *s, void *buffer, size_t size) {
    if (s == NULL || s->done || size == 0) return 0;
    if (size > (1u << 30)) size = 1u << 30;
    size_t produced = 0;
    while (produced == 0 && !s->done) {
        if (s->member_ended) {
            // After a member: another one follows (concatenated gzip), or the stream ends. Bytes that are no gzip
            // header (tar padding, trailing garbage) end it too, as with gzip -d.
            if (s->z.avail_in == 0 && refill(s) <= 0) {
                s->done = 1;
                break;
            }
            if (s->z.next_in[0] != 0x1f) {
                s->done = 1;
                break;
            }
            if (inflateReset(&s->z) != Z_OK) {
                set_error(s, CGZ_CORRUPT, "the gzip stream could not be restarted for its next member");
                break;
            }
            s->member_ended = 0;
            s->members += 1;
        }
        if (s->z.avail_in == 0) {
            int r = refill(s);
            if (r < 0) break;
            if (r == 0) {
                char m[160];
                snprintf(m, sizeof m, "the gzip data ends early, after %llu compressed bytes (the .gz file is cut off)",
                         (unsigned long long)s->in_total);
                set_error(s, CGZ_TRUNCATED, m);
                break;
            }
        }
        if (s->out_total >= s->limit) {
            char m[160];
            snprintf(m, sizeof m, "the gzip data decompresses to more than %llu bytes, the limit; reading stopped there",
                     (unsigned long long)s->limit);
            set_error(s, CGZ_LIMIT, m);
            break;
        }
        uint64_t room = s->limit - s->out_total;
        size_t want = size - produced;
        if ((uint64_t)want > room) want = (size_t)room;
        s->z.next_out = (Bytef *)buffer + produced;
        s->z.avail_out = (uInt)want;
        int ret = inflate(&s->z, Z_NO_FLUSH);
        size_t got = want - s->z.avail_out;
        produced += got;
        s->out_total += got;
        switch (ret) {
        case Z_OK:
            break;
        case Z_STREAM_END:
            s->member_ended = 1;
            break;
        case Z_BUF_ERROR:
            // No progress: more input is needed, and the loop reads it (or finds the end of the file).
            if (s->z.avail_in != 0 && got == 0) set_error(s, CGZ_CORRUPT, "the gzip data cannot be decoded further");
            break;
        default: {
            char m[160];
            snprintf(m, sizeof m, "the gzip data is damaged after %llu compressed bytes: %s",
                     (unsigned long long)(s->in_total - s->z.avail_in), s->z.msg ? s->z.msg : "inflate error");
            set_error(s, CGZ_CORRUPT, m);
            break;
        }
        }
    }
    return produced;
}

static ssize_t cookie_read(void *cookie, char *buffer, size_t size) {
    // Errors read as the end of the file: libpcap then reports a cut-off capture, and the reason stays in the stream.
    return (ssize_t)cgz_read((cgz_stream *)cookie, buffer, size);
}

static int cookie_seek(void *cookie, off64_t *position, int whence) {
    // Only ftell: the position in the decompressed bytes.
    cgz_stream *s = cookie;
    if (whence == SEEK_CUR && *position == 0) {
        *position = (off64_t)s->out_total;
        return 0;
    }
    errno = ESPIPE;
    return -1;
}

static int cookie_close(void *cookie) {
    cgz_release((cgz_stream *)cookie);
    return 0;
}

FILE *cgz_fopen(cgz_stream *s) {
    if (s == NULL) return NULL;
    cookie_io_functions_t io = {.read = cookie_read, .write = NULL, .seek = cookie_seek, .close = cookie_close};
    s->refs += 1;
    FILE *f = fopencookie(s, "rb", io);
    if (f == NULL) s->refs -= 1;
    return f;
}

int cgz_error(const cgz_stream *s) { return s ? s->error : CGZ_OK; }
const char *cgz_error_message(const cgz_stream *s) { return s ? s->message : ""; }
uint64_t cgz_compressed_offset(const cgz_stream *s) { return s ? s->in_total - s->z.avail_in : 0; }
uint64_t cgz_decompressed_offset(const cgz_stream *s) { return s ? s->out_total : 0; }
uint32_t cgz_members(const cgz_stream *s) { return s ? s->members : 0; }

uint8_t *cgz_compress(const void *data, size_t size, int level, size_t *out_size) {
    z_stream z;
    memset(&z, 0, sizeof z);
    // 15 + 16: a gzip header and trailer.
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
    uLong bound = deflateBound(&z, (uLong)size) + 32;
    uint8_t *out = malloc(bound);
    if (out == NULL) {
        deflateEnd(&z);
        return NULL;
    }
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)size;
    z.next_out = out;
    z.avail_out = (uInt)bound;
    int ret = deflate(&z, Z_FINISH);
    if (ret != Z_STREAM_END) {
        deflateEnd(&z);
        free(out);
        return NULL;
    }
    *out_size = (size_t)z.total_out;
    deflateEnd(&z);
    return out;
}
