/* test_util.c - SHA-256, UTF-8 validation, dates and the pinned clock. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include "samm/util.h"
#include "core/sha256_int.h"

static void assert_sha256(const void *buf, size_t len, const char *want)
{
	char hex[65];
	memset(hex, 'x', sizeof hex);
	samm_sha256_hex(buf, len, hex);
	assert_string_equal(hex, want);
}

/* Each SHA-256 test runs twice: with the CPU's SHA extensions where it has
 * them, then with the portable code, so that both paths are checked on a
 * machine that has them. */
static void sha256_vectors(void)
{
	/* FIPS 180-4 examples */
	assert_sha256("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_sha256("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
		      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	assert_sha256("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		      112, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void sha256_padding_edges(void)
{
	/* lengths around the one-or-two padding blocks boundary (Python hashlib) */
	static const struct { size_t n; const char *hex; } cases[] = {
		{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
		{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
		{ 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
		{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		{ 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
		{ 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
	};
	char a[128];
	memset(a, 'a', sizeof a);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_sha256(a, cases[i].n, cases[i].hex);

	/* one million 'a' (FIPS 180-4) */
	char *big = malloc(1000000);
	assert_non_null(big);
	memset(big, 'a', 1000000);
	assert_sha256(big, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(big);
}

static void test_sha256_vectors(void **state)
{
	(void)state;
	for (int portable = 0; portable < 2; portable++) {
		samm_sha256_set_portable(portable);
		sha256_vectors();
	}
	samm_sha256_set_portable(0);
}

static void test_sha256_padding_edges(void **state)
{
	(void)state;
	for (int portable = 0; portable < 2; portable++) {
		samm_sha256_set_portable(portable);
		sha256_padding_edges();
	}
	samm_sha256_set_portable(0);
}

/* Pieces of every length from 0 to 200 give the same hash on both paths
 * as the whole (the fast path takes whole blocks, the buffer the rest). */
static void test_sha256_paths_agree(void **state)
{
	(void)state;
	unsigned char buf[4096];
	char want[65], got[65];
	struct samm_sha256 c;

	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)(i * 131 + (i >> 7));
	samm_sha256_set_portable(1);
	samm_sha256_hex(buf, sizeof buf, want);
	for (int portable = 0; portable < 2; portable++) {
		samm_sha256_set_portable(portable);
		for (size_t step = 1; step <= 200; step += 7) {
			samm_sha256_init(&c);
			for (size_t off = 0; off < sizeof buf; off += step)
				samm_sha256_update(&c, buf + off,
						   sizeof buf - off < step ? sizeof buf - off : step);
			samm_sha256_final_hex(&c, got);
			assert_string_equal(got, want);
		}
	}
	samm_sha256_set_portable(0);
}

/* valid() with an explicit length, so that NUL and truncation can be tested */
static int valid(const char *s, size_t len, size_t *bad)
{
	*bad = 999;
	return samm_utf8_valid(s, len, bad);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	size_t bad;
	static const char *const good[] = {
		"", "plain ASCII", "caf\xC3\xA9",               /* 2 bytes: U+00E9 */
		"\xE2\x80\x99quote\xE2\x80\x99",                /* 3 bytes: U+2019 */
		"\xF0\x9F\x98\x80",                             /* 4 bytes: U+1F600 */
		"\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80",          /* smallest 2- and 3-byte forms */
		"\xED\x9F\xBF", "\xEE\x80\x80",                 /* around the surrogates */
		"\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", /* U+FFFF, U+10000, U+10FFFF */
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(valid(good[i], strlen(good[i]), &bad), 1);
		assert_int_equal(bad, 999);
	}
	/* NUL is a valid code point; the model loader rejects it separately */
	assert_int_equal(valid("a\0b", 3, &bad), 1);
	/* a NULL bad_offset is allowed */
	assert_int_equal(samm_utf8_valid("\xFF", 1, NULL), 0);
}

/* An error message cut to its buffer keeps characters whole (a long name
 * of 2-byte characters used to leave half of one at the end). */
static void test_error_cut(void **state)
{
	struct samm_error err;
	char name[3001];
	size_t bad, len;
	(void)state;
	for (int i = 0; i < 1500; i++)
		memcpy(name + 2 * i, "\xc3\xa9", 2);          /* e acute */
	name[3000] = 0;
	samm_error_set(&err, SAMM_USAGE, "%s", name);
	len = strlen(err.msg);
	assert_true(len < sizeof err.msg);
	assert_true(len >= sizeof err.msg - 3);
	assert_int_equal(len % 2, 0);
	assert_true(samm_utf8_valid(err.msg, len, &bad));
}

static void test_utf8_invalid(void **state)
{
	(void)state;
	static const struct { const char *s; size_t bad; } cases[] = {
		{ "ab\xC0\xAF", 2 },             /* overlong '/' */
		{ "\xC1\xBF", 0 },               /* overlong 2-byte */
		{ "x\xE0\x80\xAF", 1 },          /* overlong 3-byte */
		{ "\xE0\x9F\xBF", 0 },           /* overlong: U+07FF in 3 bytes */
		{ "\xF0\x8F\xBF\xBF", 0 },       /* overlong: U+FFFF in 4 bytes */
		{ "ok\xED\xA0\x80", 2 },         /* surrogate U+D800 */
		{ "\xED\xBF\xBF", 0 },           /* surrogate U+DFFF */
		{ "\xF4\x90\x80\x80", 0 },       /* U+110000 */
		{ "\xF5\x80\x80\x80", 0 },       /* lead byte above F4 */
		{ "\xFF", 0 }, { "\xFE", 0 },
		{ "abc\x80", 3 },                /* lone continuation byte */
		{ "\xC3", 0 },                   /* truncated 2-byte */
		{ "caf\xE2\x80", 3 },            /* truncated 3-byte */
		{ "\xF0\x9F\x98", 0 },           /* truncated 4-byte */
		{ "\xC3(", 0 },                  /* bad continuation */
		{ "\xE2\x28\xA1", 0 },
		{ "\xF0\x9F\x98(", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t bad;
		assert_int_equal(valid(cases[i].s, strlen(cases[i].s), &bad), 0);
		assert_int_equal(bad, cases[i].bad);
	}
	/* the length is honoured: a sequence cut by len is truncated */
	size_t bad;
	assert_int_equal(valid("\xC3\xA9", 1, &bad), 0);
	assert_int_equal(bad, 0);
}

static void test_utf8_decode(void **state)
{
	(void)state;
	static const struct { const char *s; size_t n, len; uint32_t cp; } cases[] = {
		{ "a", 1, 1, 'a' }, { "", 1, 1, 0 }, { "\x1b[", 2, 1, 0x1b },
		{ "\xC2\x9B", 2, 2, 0x9b }, { "\xC3\xA9x", 3, 2, 0xe9 },
		{ "\xE2\x80\xAE", 3, 3, 0x202e }, { "\xF0\x9F\x98\x80", 4, 4, 0x1f600 },
		{ "\x9B", 1, 0, 0 }, { "\xC0\xAF", 2, 0, 0 }, { "\xED\xA0\x80", 3, 0, 0 },
		{ "\xE2\x80\xAE", 2, 0, 0 },       /* cut by n */
		{ "a", 0, 0, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t cp = 0;
		assert_int_equal(samm_utf8_decode(cases[i].s, cases[i].n, &cp), cases[i].len);
		if (cases[i].len)
			assert_int_equal(cp, cases[i].cp);
	}
}

static void test_cp_is_control(void **state)
{
	(void)state;
	static const uint32_t yes[] = { 0, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0x61c,
					0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069 };
	static const uint32_t no[] = { ' ', '~', 0xa0, 0xe9, 0x200b, 0x200d, 0x2029, 0x2065,
				       0x206a, 0x202f, 0x1f600 };
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_true(samm_cp_is_control(yes[i]));
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(samm_cp_is_control(no[i]));
}

static void test_date_valid(void **state)
{
	(void)state;
	assert_true(samm_date_valid("2026-11-22"));
	assert_true(samm_date_valid("2024-02-29"));
	assert_true(samm_date_valid("2000-02-29"));
	assert_true(samm_date_valid("2026-12-31"));
	assert_false(samm_date_valid("2023-02-29"));
	assert_false(samm_date_valid("1900-02-29"));
	assert_false(samm_date_valid("2026-04-31"));
	assert_false(samm_date_valid("2026-13-01"));
	assert_false(samm_date_valid("2026-00-10"));
	assert_false(samm_date_valid("2026-01-00"));
	assert_false(samm_date_valid("2026-1-01"));
	assert_false(samm_date_valid("2026-01-1"));
	assert_false(samm_date_valid("2026-01-011"));
	assert_false(samm_date_valid("2026/01/01"));
	assert_false(samm_date_valid(" 2026-01-1"));
	assert_false(samm_date_valid("+026-01-01"));
	assert_false(samm_date_valid("2026-01-01T00:00:00Z"));
	assert_false(samm_date_valid(""));
	assert_false(samm_date_valid(NULL));
}

static void test_pinned_clock(void **state)
{
	(void)state;
	char buf[32];

	samm_clock_pin("2026-11-22T23:45:00Z");
	samm_now_iso(buf, sizeof buf);
	assert_string_equal(buf, "2026-11-22T23:45:00Z");
	samm_today(buf, sizeof buf);
	assert_string_equal(buf, "2026-11-22");
	samm_quarter_name(buf, sizeof buf);
	assert_string_equal(buf, "2026-Q4");
	assert_int_equal((long long)samm_now(), 1795391100LL);

	samm_clock_pin("1700000000");
	assert_int_equal((long long)samm_now(), 1700000000LL);
	samm_now_iso(buf, sizeof buf);
	assert_string_equal(buf, "2023-11-14T22:13:20Z");

	samm_clock_pin("2024-02-29");
	samm_now_iso(buf, sizeof buf);
	assert_string_equal(buf, "2024-02-29T00:00:00Z");

	/* quarters change on the first day of January, April, July, October */
	static const struct { const char *now, *q; } quarters[] = {
		{ "2026-01-01", "2026-Q1" }, { "2026-03-31T23:59:59Z", "2026-Q1" },
		{ "2026-04-01", "2026-Q2" }, { "2026-06-30", "2026-Q2" },
		{ "2026-07-01", "2026-Q3" }, { "2026-09-30", "2026-Q3" },
		{ "2026-10-01", "2026-Q4" }, { "2026-12-31T23:59:59Z", "2026-Q4" },
	};
	for (size_t i = 0; i < sizeof quarters / sizeof quarters[0]; i++) {
		samm_clock_pin(quarters[i].now);
		samm_quarter_name(buf, sizeof buf);
		assert_string_equal(buf, quarters[i].q);
	}

	/* an unreadable value falls back to the real clock */
	samm_clock_pin("next tuesday");
	assert_true(samm_now() > 1700000000);
	samm_clock_pin(NULL);
	assert_true(samm_now() > 1700000000);
}

static void test_user(void **state)
{
	(void)state;
	samm_user_set("alice");
	assert_string_equal(samm_user("bob"), "bob");
	assert_string_equal(samm_user(""), "alice");
	assert_string_equal(samm_user(NULL), "alice");
	samm_user_set(NULL);
	assert_true(strlen(samm_user(NULL)) > 0);
}

/* A file is read up to SAMM_FILE_MAX bytes and no further: /dev/zero is
 * refused, not read until memory runs out. */
static void test_read_file_limit(void **state)
{
	(void)state;
	struct samm_error err = { 0 };
	char *buf = (char *)1;
	size_t len = 1;

	assert_int_equal(samm_read_file("/dev/zero", &buf, &len, &err), SAMM_REFUSED);
	assert_null(buf);
	assert_int_equal(len, 0);
	assert_string_equal(err.msg, "/dev/zero: larger than the 64 MB limit");
}

/* Text cut to a byte limit keeps whole characters. */
static void test_utf8_cut(void **state)
{
	(void)state;
	size_t bad;
	/* "aé€😀": 1 + 2 + 3 + 4 bytes */
	static const char t[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
	static const size_t want[] = { 0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 10 };
	for (size_t max = 0; max < sizeof want / sizeof want[0]; max++)
		assert_int_equal(samm_utf8_cut(t, max), want[max]);
	/* not UTF-8: cut where the limit says */
	assert_int_equal(samm_utf8_cut("\x80\x80\x80\x80\x80", 2), 2);
	assert_int_equal(samm_utf8_cut("ab\xff\xfe", 3), 3);

	char buf[4];
	assert_int_equal(samm_utf8_copy(buf, sizeof buf, "a\xc3\xa9\xe2\x82\xac"), 3);
	assert_string_equal(buf, "a\xc3\xa9");
	assert_int_equal(samm_utf8_copy(buf, sizeof buf, NULL), 0);
	assert_string_equal(buf, "");

	/* a user name of 300 bytes of "é" is cut to 254, not 255 */
	char name[301];
	for (int i = 0; i < 300; i += 2)
		memcpy(name + i, "\xc3\xa9", 2);
	name[300] = '\0';
	const char *u = samm_user(name);
	assert_int_equal(strlen(u), 254);
	assert_true(samm_utf8_valid(u, strlen(u), &bad));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_sha256_padding_edges),
		cmocka_unit_test(test_sha256_paths_agree),
		cmocka_unit_test(test_read_file_limit),
		cmocka_unit_test(test_utf8_cut),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_cp_is_control),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_error_cut),
		cmocka_unit_test(test_pinned_clock),
		cmocka_unit_test(test_user),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
