#!/bin/sh
# escape.sh - nothing that could drive a terminal reaches it raw from the
# commands: C0 controls, C1 controls (U+0080..U+009F; U+009B is CSI),
# bidirectional controls ("Trojan Source") and bytes that are not UTF-8,
# whether in notes and names typed in or in any field of a crafted (shared)
# database.  They come out escaped (\x1b, \u009b, \u202e, \x9b): the
# characters the screens escape.  CSV keeps the text exactly (that is data), and
# still neutralises formulas.  Project names and owners refuse them.
# The coverage CSV keeps every project that covers an activity, however
# many and however long their names.
. tests/lib/cli.sh
DB=$SAMMTUI_DB

ESC=$(printf '\033')
CSI8=$(printf '\302\233')       # U+009B CSI
NEL=$(printf '\302\205')        # U+0085 NEL
RLO=$(printf '\342\200\256')    # U+202E RIGHT-TO-LEFT OVERRIDE
LRI=$(printf '\342\201\246')    # U+2066 LEFT-TO-RIGHT ISOLATE
RLM=$(printf '\342\200\217')    # U+200F RIGHT-TO-LEFT MARK
ALM=$(printf '\330\234')        # U+061C ARABIC LETTER MARK

# What a terminal would act on: C0 but newline, DEL, C1 as UTF-8, the
# bidirectional controls.  (Bytes that are not UTF-8: iconv.)
RAW='[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]'

# raw_free DESC: stdout and stderr of the last run hold none of that, and
# are valid UTF-8.
raw_free() {
	bad=
	for f in "$T/out" "$T/err"; do
		LC_ALL=C grep -naP "$RAW" "$f" > "$T/rawlines" && bad="$bad $(basename "$f"): raw control;"
		iconv -f UTF-8 -t UTF-8 < "$f" > /dev/null 2>&1 || bad="$bad $(basename "$f"): not UTF-8;"
	done
	if [ -z "$bad" ]; then ok "$1"; else
		not_ok "$1 ($bad)"; od -c "$T/out" | head -n 8 | sed 's/^/#   out: /'
		od -c "$T/err" | head -n 4 | sed 's/^/#   err: /'; fi
}
# shown DESC ARGS...: run ARGS: exit 0 (or 3, a policy), nothing raw.
shown() {
	desc=$1; shift
	run "$@"
	check '[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]' "$desc: runs (exit $rc)"
	raw_free "$desc: nothing raw"
}

history_db
cp "$DB" "$T/history.db"

# ---- Project names and owners refuse them ------------------------------------------------
for c in "$CSI8" "$NEL" "$RLO" "$LRI" "$RLM" "$ALM"; do
	run project new "x${c}y"
	expect_rc 2 "a project name with $(printf %s "$c" | od -An -tx1 | tr -d ' ') is refused"
	expect_err_has "control character" "and says why"
	raw_free "and the refusal quotes it escaped"
done
run project new Safe --owner "o${CSI8}31m"; expect_rc 2 "an owner with U+009B is refused"
run project new Safe --owner "o${RLO}"; expect_rc 2 "an owner with U+202E is refused"
run project new Safe --owner "Zoë ${ESC}"; expect_rc 2 "an owner with ESC is still refused"
run project new "Métriques✓" --owner "Zoë"; expect_rc 0 "other non-ASCII names and owners are fine"
run project set "Métriques✓" --name "M${RLO}"; expect_rc 2 "renaming to a bidi control is refused"
run project set "Métriques✓" --owner "${NEL}"; expect_rc 2 "an owner of U+0085 is refused by set"
check '[ "$(sqlite3 "$DB" "SELECT count(*) FROM project")" = 1 ]' "none of them was stored"
run project set "Métriques✓" --description "desc ${CSI8}31m ${RLO}txt"
expect_rc 0 "a description may hold them (free text, like notes)"

# ---- Typed notes and a scope name: escaped in every report --------------------------------
run score P5 G-SM-1-A.1 no --note "=CSI${CSI8}31mRED ${RLO}drow${LRI} nel${NEL}"
expect_rc 0 "a note with C1 and bidi controls"
run note P5 G-SM-1-B.1 "${ALM}${RLM}tab	esc${ESC}[2J"
expect_rc 0 "another one, by note"
run project link "Métriques✓" G-SM-1-A; expect_rc 0 "the project covers G-SM-1-A"
for args in "show P5" "show P5 --by item" "log" "log G-SM-1-A.1" "diff P4 P5 --notes --by item" \
	    "diff P4 P5 --notes" "stagnant" "stagnant --uncovered" "check" "trend" \
	    "project list" "project show Métriques✓" "target show P5" "period list"; do
	set -- $args    # (split on purpose)
	shown "typed text: $args" "$@"
done
run diff P4 P5 --notes --by item
expect_out_has '"=CSI\u009b31mRED \u202edrow\u2066 nel\u0085"' "diff shows C1 and bidi controls as \\uXXXX"
run stagnant
expect_out_has '"\u061c\u200ftab\tesc\x1b[2J"' "stagnant shows the other note escaped"
run project show "Métriques✓"
expect_out_has 'Description: desc \u009b31m \u202etxt' "project show escapes the description"

# CSV is data: the text as it is, formulas still neutralised.
run export P5
expect_rc 0 "export"
check 'grep -qF ",'"'"'=CSI${CSI8}31mRED ${RLO}drow${LRI} nel${NEL}," "$T/out"' \
	"export keeps the note byte for byte, the formula neutralised"
run log --csv
check 'grep -qF "'"'"'=CSI${CSI8}31mRED" "$T/out"' "log --csv keeps it too, neutralised"
run diff P4 P5 --notes --csv
check 'grep -qF "'"'"'=CSI${CSI8}31mRED" "$T/out"' "diff --csv keeps it too, neutralised"
run stagnant --csv
check 'grep -qF "${ALM}${RLM}tab	esc${ESC}[2J" "$T/out"' "stagnant --csv keeps the other note"

# A scope whose name holds them (stored directly: the shape a shared
# database may have, whatever 'scope new' accepts).
SC="sc${CSI8}0m${RLO}ope"
run scope new Other; expect_rc 0 "another scope"
sqlite3 "$DB" "UPDATE scope SET name = '$SC' WHERE name = 'Other'"
run --scope "$SC" period new Q1 --date 2026-02-01; expect_rc 0 "a period in it"
run --scope "$SC" score Q1 G-SM-1-A.1 half --note "x${CSI8}"; expect_rc 0 "a score in it"
run --scope "$SC" period new Q2 --date 2026-03-01; expect_rc 0 "a second period in it"
run --scope "$SC" note Q2 G-SM-1-A.1 "y${RLO}"; expect_rc 0 "a changed note in it"
for args in "scope list" "log" "period list" "show Q1" "stagnant" "check" "trend" \
	    "diff Q1 Q2 --notes" "project list" "target show Q1"; do
	set -- $args
	shown "scope name: $args" --scope "$SC" "$@"
done
run stagnant --all-scopes; raw_free "stagnant --all-scopes: nothing raw"
run --scope "$SC" period new Q1; raw_free "an error naming the scope: nothing raw"
run --scope "$SC" show Q1
expect_out_has 'Scope: sc\u009b0m\u202eope' "the scope name escaped in show"
run --scope "$SC" export Q2
check '[ "$rc" -eq 0 ] && grep -qF "$SC,Q2,2026-03-01," "$T/out" && grep -qF ",y${RLO}," "$T/out"' \
	"export keeps the scope name and the note as they are"

# ---- A crafted database: every stored text ---------------------------------------------
cp "$T/history.db" "$DB"
run project new Metrics --status active; expect_rc 0 "a project"
run project link Metrics G-SM-1-A; expect_rc 0 "linked"
run project set Metrics --status done; expect_rc 0 "and changed (a log row)"
run target set P5 G-SM-1-A half; expect_rc 0 "a target"
OSC="char(27) || ']0;owned' || char(7)"
C1="char(155)"                          # U+009B, as UTF-8
BYTE="CAST(X'9b' AS TEXT)"              # a lone 0x9b byte: not UTF-8
BIDI="char(8238)"                       # U+202E
sqlite3 "$DB" "
UPDATE period SET date = $OSC WHERE name = 'P5';
UPDATE period SET date = '2025-' || $C1 || '31m' WHERE name = 'P4';
UPDATE period SET date = $BYTE || '[2J' WHERE name = 'P3';
UPDATE log SET at = char(27) || '[31m' || $C1, user = 'u' || $BYTE || $BIDI;
UPDATE log SET old_note = char(27) || '[2J' || $C1 || ' active',
	new_note = char(27) || '[2J' || $C1 || ' done'
	WHERE item LIKE 'project:%' AND old_note LIKE 'status %';
UPDATE log SET new_note = 'n' || $BYTE || $OSC WHERE item = 'G-SM-1-A.1';
UPDATE model SET name = 'M' || $OSC, version = 'v' || $C1 || $BIDI,
	hash = $C1 || '[5m' || hash, loaded_at = char(27) || '[8m' || $BYTE;
UPDATE project SET name = 'Met' || $C1 || 'rics' || $BIDI, owner = 'o' || $BYTE || char(27),
	description = 'd' || $OSC;
UPDATE score SET note = 'b' || $BYTE || $C1 || $BIDI WHERE item = 'G-SM-1-B.1';
"
check '[ "$(sqlite3 "$DB" "SELECT count(*) FROM period WHERE date LIKE char(27) || '"'"'%'"'"'")" = 1 ]' \
	"the database is crafted"
PN=$(sqlite3 "$DB" "SELECT name FROM project")
for args in "show P5" "show P4 --by item" "log" "log project:Metrics" "log --period P5" \
	    "period list" "stagnant" "stagnant --uncovered" "check" "diff P3 P5 --notes" \
	    "diff P4 P5 --by item --notes" "trend" "project list" "project show" \
	    "target show P5" "target show P4" "model list" "scope list" "period new P6"; do
	set -- $args
	[ "$1 ${2-}" = "project show" ] && set -- project show "$PN"
	shown "crafted database: $args" "$@"
done
run period list
expect_out_has '\x1b]0;owned\x07' "period list shows the crafted date escaped"
expect_out_has '2025-\u009b31m' "and the C1 one"
expect_out_has '\x9b[2J' "and the lone byte"
run log
expect_out_has '\x1b[31m\u009b  u\x9b\u202e  project ' "log escapes at and user"
expect_out_has '\x1b[2J\u009b: active -> done' "and the field word of a project's change"
run model list
expect_out_has '\x1b[8m\x9b' "model list escapes loaded_at"

# ---- A locale that is not UTF-8: no byte 0x80..0x9F at all -------------------------------
# (the terminal then reads each byte as a character, and these are C1)
cp "$T/history.db" "$DB"
run note P5 G-SM-1-A.2 "日本 café"; expect_rc 0 "a note in Japanese and French"
LC_ALL=C "$BIN" stagnant > "$T/out" 2> "$T/err"; rc=$?
check '[ "$rc" -eq 0 ] && ! LC_ALL=C grep -qaP "[\x80-\x9f]" "$T/out"' \
	"LC_ALL=C stagnant: no byte 0x80..0x9F"
expect_out_has '"\u65e5\u672c café"' "LC_ALL=C: characters holding one come out as \\uXXXX"
LC_ALL=C "$BIN" log > "$T/out" 2> "$T/err"; rc=$?
check '[ "$rc" -eq 0 ] && ! LC_ALL=C grep -qaP "[\x80-\x9f]" "$T/out"' \
	"LC_ALL=C log: no byte 0x80..0x9F"

# ---- The coverage CSV keeps every project name -------------------------------------------
joined=
k=0
while [ $k -lt 14 ]; do
	k=$((k + 1))
	# 100 bytes each, mostly 2-byte characters: a cut would show
	name=$(printf 'Projet %02d ' $k; i=0; while [ $i -lt 45 ]; do printf 'é'; i=$((i + 1)); done)
	run project new "$name" --status active
	run project link "$name" G-SM-1-A
	joined="$joined${joined:+; }$name"
done
check '[ "$(sqlite3 "$DB" "SELECT count(*) FROM project_link WHERE ref = '"'"'G-SM-1-A'"'"'")" = 14 ]' \
	"14 projects with long names cover G-SM-1-A"
run stagnant --csv
cell=$(grep '^Organization,covered,G-SM-1-A,' "$T/out" | cut -d, -f9-)
check '[ "$cell" = "$joined" ]' "stagnant --csv: the covered row names all 14 projects, whole \
(${#cell} of ${#joined} characters)"
check 'printf %s "$cell" | iconv -f UTF-8 -t UTF-8 > /dev/null 2>&1' "and the cell is valid UTF-8"
# scope and period names refuse C1 and bidi controls as project names do
run scope new "$(printf 'bad\342\200\256name')"
expect_rc 2 "a scope name with U+202E is refused"
expect_err_has "scope name holds a control character (byte 4)" "and says where"
run period new "$(printf 'Q\302\2339')"
expect_rc 2 "a period name with U+009B is refused"
expect_err_has "period name holds a control character (byte 2)" "and says where"

done_testing
