// CRC-32C for frame checksums (docs/PROTOCOL.md, "Checksum"): the SSE4.2 `crc32` instruction where
// the CPU has it, checked at run time, else slicing by 8 over tables built once.
// The joining of lanes follows the method Mark Adler described for zlib's crc32_combine.

#include "CCRC32C.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#define TERN_CRC32C_POLY 0x82F63B78u

static uint32_t portable_table[8][256];
static pthread_once_t portable_table_once = PTHREAD_ONCE_INIT;

static void build_portable_table(void) {
    for (uint32_t byte = 0; byte < 256; byte++) {
        uint32_t crc = byte;
        for (int bit = 0; bit < 8; bit++) {
            crc = (crc >> 1) ^ (TERN_CRC32C_POLY & (0u - (crc & 1u)));
        }
        portable_table[0][byte] = crc;
    }
    for (uint32_t byte = 0; byte < 256; byte++) {
        uint32_t crc = portable_table[0][byte];
        for (int slice = 1; slice < 8; slice++) {
            crc = (crc >> 8) ^ portable_table[0][crc & 0xFF];
            portable_table[slice][byte] = crc;
        }
    }
}

static uint64_t load_le64(const unsigned char *p) {
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

uint32_t tern_crc32c_portable(uint32_t crc, const void *data, size_t length) {
    pthread_once(&portable_table_once, build_portable_table);
    const unsigned char *p = data;
    uint32_t c = ~crc;
    while (length >= 8) {
        uint64_t word = load_le64(p) ^ c;
        c = portable_table[7][word & 0xFF] ^ portable_table[6][(word >> 8) & 0xFF] ^
            portable_table[5][(word >> 16) & 0xFF] ^ portable_table[4][(word >> 24) & 0xFF] ^
            portable_table[3][(word >> 32) & 0xFF] ^ portable_table[2][(word >> 40) & 0xFF] ^
            portable_table[1][(word >> 48) & 0xFF] ^ portable_table[0][word >> 56];
        p += 8;
        length -= 8;
    }
    while (length > 0) {
        c = (c >> 8) ^ portable_table[0][(c ^ *p) & 0xFF];
        p++;
        length--;
    }
    return ~c;
}

#if defined(__x86_64__)
#include <cpuid.h>
#include <nmmintrin.h>

// Long inputs run three independent crc32 chains over three adjacent lanes, since the instruction
// has a latency of three cycles but can start one per cycle. The lane results are joined by
// "shifting" a CRC register over a lane of zero bytes, a linear map applied through byte tables.
#define TERN_CRC32C_LONG_LANE 8192
#define TERN_CRC32C_SHORT_LANE 256

static uint32_t shift_long[4][256];
static uint32_t shift_short[4][256];
static pthread_once_t shift_tables_once = PTHREAD_ONCE_INIT;

/// The image of `vector` under the GF(2) matrix whose columns are `matrix[0..31]`.
static uint32_t gf2_times(const uint32_t matrix[32], uint32_t vector) {
    uint32_t sum = 0;
    for (int column = 0; vector != 0; column++, vector >>= 1) {
        if (vector & 1) {
            sum ^= matrix[column];
        }
    }
    return sum;
}

/// Fills `table` so that shifting a raw CRC register over `bytes` zero bytes (a power of two) is
/// the XOR of one entry per register byte.
static void build_shift_table(uint32_t table[4][256], size_t bytes) {
    uint32_t op[32], square[32];
    // One zero bit: bit 0 feeds back the polynomial, every other bit moves down by one.
    op[0] = TERN_CRC32C_POLY;
    for (int column = 1; column < 32; column++) {
        op[column] = 1u << (column - 1);
    }
    for (size_t bits = 1; bits < 8 * bytes; bits *= 2) {
        for (int column = 0; column < 32; column++) {
            square[column] = gf2_times(op, op[column]);
        }
        memcpy(op, square, sizeof op);
    }
    for (uint32_t byte = 0; byte < 256; byte++) {
        for (int position = 0; position < 4; position++) {
            table[position][byte] = gf2_times(op, byte << (8 * position));
        }
    }
}

static void build_shift_tables(void) {
    build_shift_table(shift_long, TERN_CRC32C_LONG_LANE);
    build_shift_table(shift_short, TERN_CRC32C_SHORT_LANE);
}

static uint32_t shift(const uint32_t table[4][256], uint32_t crc) {
    return table[0][crc & 0xFF] ^ table[1][(crc >> 8) & 0xFF] ^ table[2][(crc >> 16) & 0xFF] ^ table[3][crc >> 24];
}

/// Runs the raw register `crc` over three lanes of `lane` bytes at `p` (8-byte aligned).
__attribute__((target("sse4.2")))
static uint32_t three_lanes(uint32_t crc, const unsigned char *p, size_t lane, const uint32_t table[4][256]) {
    uint64_t c0 = crc, c1 = 0, c2 = 0;
    const unsigned char *end = p + lane;
    do {
        uint64_t w0, w1, w2;
        memcpy(&w0, p, 8);
        memcpy(&w1, p + lane, 8);
        memcpy(&w2, p + 2 * lane, 8);
        c0 = _mm_crc32_u64(c0, w0);
        c1 = _mm_crc32_u64(c1, w1);
        c2 = _mm_crc32_u64(c2, w2);
        p += 8;
    } while (p < end);
    uint32_t joined = shift(table, (uint32_t)c0) ^ (uint32_t)c1;
    return shift(table, joined) ^ (uint32_t)c2;
}

__attribute__((target("sse4.2")))
static uint32_t crc32c_sse42(uint32_t crc, const void *data, size_t length) {
    const unsigned char *p = data;
    uint32_t c = ~crc;
    while (length > 0 && ((uintptr_t)p & 7) != 0) {
        c = _mm_crc32_u8(c, *p);
        p++;
        length--;
    }
    if (length >= 3 * TERN_CRC32C_SHORT_LANE) {
        pthread_once(&shift_tables_once, build_shift_tables);
        while (length >= 3 * TERN_CRC32C_LONG_LANE) {
            c = three_lanes(c, p, TERN_CRC32C_LONG_LANE, shift_long);
            p += 3 * TERN_CRC32C_LONG_LANE;
            length -= 3 * TERN_CRC32C_LONG_LANE;
        }
        while (length >= 3 * TERN_CRC32C_SHORT_LANE) {
            c = three_lanes(c, p, TERN_CRC32C_SHORT_LANE, shift_short);
            p += 3 * TERN_CRC32C_SHORT_LANE;
            length -= 3 * TERN_CRC32C_SHORT_LANE;
        }
    }
    uint64_t wide = c;
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        wide = _mm_crc32_u64(wide, word);
        p += 8;
        length -= 8;
    }
    c = (uint32_t)wide;
    while (length > 0) {
        c = _mm_crc32_u8(c, *p);
        p++;
        length--;
    }
    return ~c;
}

/// 0 not yet known, 1 hardware, 2 portable.
static atomic_int implementation;

static int detect_hardware(void) {
    unsigned int eax, ebx, ecx, edx;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_SSE4_2) != 0) {
        return 1;
    }
    return 2;
}

int tern_crc32c_hardware(void) {
    int chosen = atomic_load_explicit(&implementation, memory_order_relaxed);
    if (chosen == 0) {
        chosen = detect_hardware();
        atomic_store_explicit(&implementation, chosen, memory_order_relaxed);
    }
    return chosen == 1;
}

uint32_t tern_crc32c(uint32_t crc, const void *data, size_t length) {
    if (tern_crc32c_hardware()) {
        return crc32c_sse42(crc, data, length);
    }
    return tern_crc32c_portable(crc, data, length);
}

#else

int tern_crc32c_hardware(void) {
    return 0;
}

uint32_t tern_crc32c(uint32_t crc, const void *data, size_t length) {
    return tern_crc32c_portable(crc, data, length);
}

#endif
