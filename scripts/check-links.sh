#!/usr/bin/env bash
# Every Markdown link in README.md, docs/ and the DocC catalog must resolve inside the repository:
# relative links to files that exist (anchors are not checked), and none that climbs out of the
# repository (a clone alone has nothing beside it). Web links are not followed.
#
#   scripts/check-links.sh      ends with "N passed, N failed"; exit code 1 when a link is broken
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
passed=0
failed=0
files=(README.md docs/*.md Sources/ReproWasm/ReproWasm.docc/*.md Benchmarks/*.md)
for file in "${files[@]}"; do
    [[ -f $file ]] || continue
    dir=$(dirname "$file")
    # [text](target) and [text]: target; code spans are removed first so examples are not links.
    while IFS= read -r target; do
        target=${target%%#*}
        target=${target%% *}
        [[ -z $target ]] && continue
        case $target in http://* | https://* | mailto:*) continue ;; esac
        resolved=$(realpath -m "$dir/$target")
        if [[ $resolved != "$root" && $resolved != "$root"/* ]]; then
            echo "FAIL $file: $target leaves the repository"
            failed=$((failed + 1))
        elif [[ ! -e $resolved ]]; then
            echo "FAIL $file: $target does not exist"
            failed=$((failed + 1))
        else
            passed=$((passed + 1))
        fi
    done < <(sed -e 's/`[^`]*`//g' "$file" | grep -oE '\]\([^)]+\)|^\[[^]]+\]: *[^ ]+' |
        sed -E 's/^\]\(//; s/\)$//; s/^\[[^]]+\]: *//')
done
echo "check-links: $passed passed, $failed failed"
((failed == 0))
