#!/usr/bin/env bash
# The "Run formlint" step of action.yml. Inputs arrive as environment variables (never
# pasted into the script, so no input can inject shell code):
#   FORMLINT_PATHS FORMLINT_FAIL_ON FORMLINT_CONFIG FORMLINT_SARIF FORMLINT_BASELINE
#   FORMLINT_CHANGED_SINCE FORMLINT_ONLY_NEW FORMLINT_BURDEN_SINCE FORMLINT_ARGS; FORMLINT_COMMAND overrides
#   `formlint` (tests).
# 1. the SARIF report, which never fails the step (usage errors do);
# 2. GitHub annotations, whose exit code (from --fail-on) is the step's; this second
#    run reads every result from formlint's cache, so it costs well under a second;
# 3. the summary line in the job summary;
# 4. with FORMLINT_BURDEN_SINCE, each changed form's burden before and after, in the job
#    summary (a report: only a usage error, such as an unknown revision, fails the step).
set -uo pipefail

read -r -a formlint <<< "${FORMLINT_COMMAND:-formlint}"
set -f  # paths and arguments are split on whitespace, never glob-expanded
# shellcheck disable=SC2206
paths=(${FORMLINT_PATHS:-.})
# shellcheck disable=SC2206
extra=(${FORMLINT_ARGS:-})
set +f
options=(--quiet)
[ -n "${FORMLINT_CONFIG:-}" ] && options+=(--config "$FORMLINT_CONFIG")
[ -n "${FORMLINT_BASELINE:-}" ] && options+=(--baseline "$FORMLINT_BASELINE")
[ -n "${FORMLINT_CHANGED_SINCE:-}" ] && options+=(--changed-since "$FORMLINT_CHANGED_SINCE")
[ "${FORMLINT_ONLY_NEW:-false}" = "true" ] && options+=(--only-new)
options+=("${extra[@]}")
output="${GITHUB_OUTPUT:-/dev/null}"

if [ -n "${FORMLINT_SARIF:-}" ]; then
    "${formlint[@]}" check "${paths[@]}" "${options[@]}" --format sarif --output "$FORMLINT_SARIF" --fail-on never
    status=$?
    if [ "$status" -ne 0 ]; then
        echo "exit-code=$status" >> "$output"
        exit "$status"
    fi
    echo "sarif-file=$FORMLINT_SARIF" >> "$output"
else
    echo "sarif-file=" >> "$output"
fi

"${formlint[@]}" check "${paths[@]}" "${options[@]}" --format github --fail-on "${FORMLINT_FAIL_ON:-error}"
status=$?
echo "exit-code=$status" >> "$output"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ "$status" -le 1 ]; then
    summary=$("${formlint[@]}" check "${paths[@]}" "${options[@]}" --format text --fail-on never | tail -n 1)
    printf '### formlint\n\n%s\n' "$summary" >> "$GITHUB_STEP_SUMMARY"
fi

if [ -n "${FORMLINT_BURDEN_SINCE:-}" ]; then
    burden_options=()
    [ -n "${FORMLINT_CONFIG:-}" ] && burden_options+=(--config "$FORMLINT_CONFIG")
    "${formlint[@]}" burden --diff "$FORMLINT_BURDEN_SINCE" "${paths[@]}" "${burden_options[@]}" --format markdown \
        >> "${GITHUB_STEP_SUMMARY:-/dev/stdout}"
    burden_status=$?
    if [ "$burden_status" -ge 2 ]; then
        echo "exit-code=$burden_status" >> "$output"
        exit "$burden_status"
    fi
fi
exit "$status"
