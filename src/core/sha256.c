/* sha256.c - SHA-256 (FIPS 180-4), used to fingerprint model files so that
 * an assessment can tell which exact model text its scores belong to.
 *
 * Loading a model hashes every byte of it, so the hash is on the load
 * path: on x86-64 processors with the SHA extensions (checked at run time
 * with CPUID; valgrind, for one, hides them) the blocks go through the
 * sha256rnds2/sha256msg1/sha256msg2 instructions, about five times faster
 * than the portable code below, which every other machine uses.
 *
 * The one fast path the core keeps: without it, hashing the model alone
 * takes longer than libcsv's parse of it, and loading misses its target
 * of twice that parse (make bench: 2.4x for the 294-item model, 3.0x for
 * 100,000 items, against 1.5x and 1.7x with it).  Both paths are tested
 * in every run: test_util hashes its vectors with each
 * (samm_sha256_set_portable, sha256_int.h). */
#include <stdint.h>
#include <string.h>
#include "samm/util.h"
#include "sha256_int.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SHA256_X86 1
#include <cpuid.h>
#include <immintrin.h>
#include <stdatomic.h>
#endif

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* ---- Portable ------------------------------------------------------------ */

#define ROR(x, n) ((x) >> (n) | (x) << (32 - (n)))
#define BSIG0(x) (ROR(x, 2) ^ ROR(x, 13) ^ ROR(x, 22))
#define BSIG1(x) (ROR(x, 6) ^ ROR(x, 11) ^ ROR(x, 25))
#define SSIG0(x) (ROR(x, 7) ^ ROR(x, 18) ^ ((x) >> 3))
#define SSIG1(x) (ROR(x, 17) ^ ROR(x, 19) ^ ((x) >> 10))

/* Big-endian 32-bit load; compilers turn it into one load and a bswap. */
static uint32_t load_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* One round with the working variables named in rotated order, so that no
 * variable is ever copied into another: eight rounds bring the names back
 * where they started. */
#define ROUND(a, b, c, d, e, f, g, h, i) do { \
	uint32_t t1_ = h + BSIG1(e) + (g ^ (e & (f ^ g))) + sha256_k[i] + w[i]; \
	uint32_t t2_ = BSIG0(a) + ((a & b) | (c & (a | b))); \
	d += t1_; \
	h = t1_ + t2_; \
} while (0)

/* Process nblocks 64-byte blocks. */
static void sha256_blocks_portable(uint32_t st[8], const unsigned char *p, size_t nblocks)
{
	for (; nblocks; nblocks--, p += 64) {
		uint32_t w[64];
		uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
		uint32_t e = st[4], f = st[5], g = st[6], h = st[7];

		for (int i = 0; i < 16; i++)
			w[i] = load_be32(p + 4 * i);
		for (int i = 16; i < 64; i++)
			w[i] = SSIG1(w[i - 2]) + w[i - 7] + SSIG0(w[i - 15]) + w[i - 16];
		for (int i = 0; i < 64; i += 8) {
			ROUND(a, b, c, d, e, f, g, h, i + 0);
			ROUND(h, a, b, c, d, e, f, g, i + 1);
			ROUND(g, h, a, b, c, d, e, f, i + 2);
			ROUND(f, g, h, a, b, c, d, e, i + 3);
			ROUND(e, f, g, h, a, b, c, d, i + 4);
			ROUND(d, e, f, g, h, a, b, c, i + 5);
			ROUND(c, d, e, f, g, h, a, b, i + 6);
			ROUND(b, c, d, e, f, g, h, a, i + 7);
		}
		st[0] += a; st[1] += b; st[2] += c; st[3] += d;
		st[4] += e; st[5] += f; st[6] += g; st[7] += h;
	}
}

/* ---- x86-64 SHA extensions ------------------------------------------------ */

#ifdef SHA256_X86

#define SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* Four rounds with the message words m (already scheduled). */
#define NI_ROUNDS4(m, i) do { \
	__m128i t_ = _mm_add_epi32(m, _mm_loadu_si128((const __m128i *)&sha256_k[4 * (i)])); \
	s1 = _mm_sha256rnds2_epu32(s1, s0, t_); \
	t_ = _mm_shuffle_epi32(t_, 0x0E); \
	s0 = _mm_sha256rnds2_epu32(s0, s1, t_); \
} while (0)
/* Finish the schedule of nx (= W[i+4..i+7]) from cur (W[i..i+3]) and prev. */
#define NI_SCHED(cur, prev, nx) do { \
	nx = _mm_add_epi32(nx, _mm_alignr_epi8(cur, prev, 4)); \
	nx = _mm_sha256msg2_epu32(nx, cur); \
} while (0)

SHA_TARGET
static void sha256_blocks_ni(uint32_t st[8], const unsigned char *p, size_t nblocks)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i s0, s1, t, m0, m1, m2, m3;

	/* the instructions want the state as ABEF and CDGH */
	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&st[0]), 0xB1);  /* CDAB */
	s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&st[4]), 0x1B); /* EFGH */
	s0 = _mm_alignr_epi8(t, s1, 8);                                         /* ABEF */
	s1 = _mm_blend_epi16(s1, t, 0xF0);                                      /* CDGH */

	for (; nblocks; nblocks--, p += 64) {
		__m128i abef = s0, cdgh = s1;

		m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), bswap);
		NI_ROUNDS4(m0, 0);
		m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), bswap);
		NI_ROUNDS4(m1, 1);
		m0 = _mm_sha256msg1_epu32(m0, m1);
		m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), bswap);
		NI_ROUNDS4(m2, 2);
		m1 = _mm_sha256msg1_epu32(m1, m2);
		m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), bswap);
		NI_ROUNDS4(m3, 3);
		NI_SCHED(m3, m2, m0);
		m2 = _mm_sha256msg1_epu32(m2, m3);
		for (int i = 4; i < 12; i += 4) {
			NI_ROUNDS4(m0, i);
			NI_SCHED(m0, m3, m1);
			m3 = _mm_sha256msg1_epu32(m3, m0);
			NI_ROUNDS4(m1, i + 1);
			NI_SCHED(m1, m0, m2);
			m0 = _mm_sha256msg1_epu32(m0, m1);
			NI_ROUNDS4(m2, i + 2);
			NI_SCHED(m2, m1, m3);
			m1 = _mm_sha256msg1_epu32(m1, m2);
			NI_ROUNDS4(m3, i + 3);
			NI_SCHED(m3, m2, m0);
			m2 = _mm_sha256msg1_epu32(m2, m3);
		}
		NI_ROUNDS4(m0, 12);
		NI_SCHED(m0, m3, m1);
		m3 = _mm_sha256msg1_epu32(m3, m0);
		NI_ROUNDS4(m1, 13);
		NI_SCHED(m1, m0, m2);
		NI_ROUNDS4(m2, 14);
		NI_SCHED(m2, m1, m3);
		NI_ROUNDS4(m3, 15);

		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}

	t = _mm_shuffle_epi32(s0, 0x1B);                /* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);               /* DCHG */
	s0 = _mm_blend_epi16(t, s1, 0xF0);              /* DCBA */
	s1 = _mm_alignr_epi8(s1, t, 8);                 /* HGFE */
	_mm_storeu_si128((__m128i *)&st[0], s0);
	_mm_storeu_si128((__m128i *)&st[4], s1);
}

/* 1: the CPU has the SHA extensions (and SSSE3, SSE4.1); 0: it has not;
 * -1: not asked yet.  CPUID can be slow under a hypervisor: ask once. */
static atomic_int sha256_have_ni = -1;

static int sha256_cpu_has_ni(void)
{
	int have = atomic_load_explicit(&sha256_have_ni, memory_order_relaxed);
	if (have < 0) {
		unsigned a, b, c, d;
		have = 0;
		if (__get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSSE3) && (c & bit_SSE4_1) &&
		    __get_cpuid_max(0, NULL) >= 7) {
			__cpuid_count(7, 0, a, b, c, d);
			have = (b & bit_SHA) != 0;
		}
		atomic_store_explicit(&sha256_have_ni, have, memory_order_relaxed);
	}
	return have;
}
#endif

static int sha256_portable_only;

int samm_sha256_set_portable(int on)
{
	sha256_portable_only = on;
#ifdef SHA256_X86
	return !on && sha256_cpu_has_ni();
#else
	return 0;
#endif
}

static void sha256_blocks(uint32_t st[8], const unsigned char *p, size_t nblocks)
{
#ifdef SHA256_X86
	if (!sha256_portable_only && sha256_cpu_has_ni()) {
		sha256_blocks_ni(st, p, nblocks);
		return;
	}
#endif
	sha256_blocks_portable(st, p, nblocks);
}

void samm_sha256_init(struct samm_sha256 *c)
{
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	memcpy(c->h, h0, sizeof c->h);
	c->len = 0;
	c->nbuf = 0;
}

void samm_sha256_update(struct samm_sha256 *c, const void *data, size_t n)
{
	const unsigned char *p = data;

	c->len += n;
	if (c->nbuf) {
		size_t k = 64 - c->nbuf < n ? 64 - c->nbuf : n;
		memcpy(c->buf + c->nbuf, p, k);
		c->nbuf += k;
		p += k;
		n -= k;
		if (c->nbuf < 64)
			return;
		sha256_blocks(c->h, c->buf, 1);
		c->nbuf = 0;
	}
	if (n >= 64) {
		sha256_blocks(c->h, p, n / 64);
		p += n / 64 * 64;
		n %= 64;
	}
	if (n) {
		memcpy(c->buf, p, n);
		c->nbuf = n;
	}
}

void samm_sha256_final_hex(struct samm_sha256 *c, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char tail[128];
	uint64_t bits = c->len * 8;
	size_t rest = c->nbuf, tlen;

	/* Padding: 0x80, zeros, then the bit length big-endian; one or two
	 * blocks depending on whether the length still fits. */
	memset(tail, 0, sizeof tail);
	if (rest)
		memcpy(tail, c->buf, rest);
	tail[rest] = 0x80;
	tlen = rest + 1 + 8 <= 64 ? 64 : 128;
	for (int i = 0; i < 8; i++)
		tail[tlen - 1 - i] = (unsigned char)(bits >> (8 * i));
	sha256_blocks(c->h, tail, tlen / 64);
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 8; j++)
			hex[8 * i + j] = digits[(c->h[i] >> (28 - 4 * j)) & 0xF];
	hex[64] = '\0';
}

void samm_sha256_hex(const void *buf, size_t len, char hex[65])
{
	struct samm_sha256 c;

	samm_sha256_init(&c);
	samm_sha256_update(&c, buf, len);
	samm_sha256_final_hex(&c, hex);
}
