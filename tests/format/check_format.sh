#!/usr/bin/env bash
# Every C++ file of the project is formatted as .clang-format says
# (LLVM base, 4 spaces, 100 columns, pointers to the left). Fails, listing the files
# and the first differences, when one is not; fails too when clang-format
# is missing (the test set-up installs it: scripts/install-deps.sh --test).
#   usage: check_format.sh SOURCE_DIR
#   to fix: clang-format -i $(git ls-files '*.cpp' '*.hpp')
set -u
top=${1:?usage: check_format.sh SOURCE_DIR}
cd "$top" || exit 2
tool=$(command -v clang-format-14 || command -v clang-format) || {
    echo "check_format.sh: clang-format is not installed (apt-get install clang-format)" >&2
    exit 1
}
mapfile -t files < <(find src tests fuzz bench -name '*.cpp' -o -name '*.hpp' -o -name '*.h' | sort)
[ ${#files[@]} -gt 0 ] || { echo "check_format.sh: no C++ files under $top" >&2; exit 1; }
bad=0
for f in "${files[@]}"; do
    if ! "$tool" --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
        echo "not formatted: $f"
        diff -u "$f" <("$tool" --style=file "$f") | sed -n '3,12p'
        bad=$((bad + 1))
    fi
done
if [ $bad -gt 0 ]; then
    echo "$bad of ${#files[@]} files differ from .clang-format (fix: clang-format -i FILE)"
    exit 1
fi
echo "format: ${#files[@]} files as .clang-format says"
