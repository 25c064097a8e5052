# A thin layer over CMake, as in Neovim's Makefile.
#   make        install what building needs, build (Release), render the samples into output/
#   make test   the same, and the test tools (make test-deps), then the whole test suite
#               through ctest, then again under AddressSanitizer +
#               UndefinedBehaviorSanitizer (build-asan/)
#   make fuzz   the libFuzzer targets (clang), each for FUZZ_SECONDS (build-fuzz/)
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# The text sample and the photo sample (README, "The samples").
SAMPLES := data/lecos-chronik.xml data/auenwald-chronik.xml
ASAN_DIR ?= build-asan
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
# Sanitizer reports get exit codes of their own, so a test that expects
# chronik's exit status 1 cannot mistake one for a refusal.
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=1:exitcode=86 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=87 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp:print_suppressions=0:exitcode=88

.PHONY: all deps test-deps build sample test test-asan fuzz bench clean

all: sample

# What building and rendering need (compiler, libraries, fonts).
deps:
	@scripts/install-deps.sh

# What the tests run the outputs through (xmllint, poppler, qpdf, unzip,
# python-docx, LibreOffice); a test whose tool is missing fails, naming it.
test-deps:
	@scripts/install-deps.sh --test

$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

sample: build
	$(BUILD_DIR)/chronik render $(SAMPLES) -o output

test: build test-deps
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory test-asan

# The suite built with -fsanitize=address,undefined (gcc), without the tests
# labelled slow (LibreOffice round trips, seconds each even unsanitized).
$(ASAN_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCHRONIK_SANITIZE=ON

test-asan: deps test-deps $(ASAN_DIR)/CMakeCache.txt
	cmake --build $(ASAN_DIR) -j $(JOBS)
	$(SANITIZER_ENV) ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS) -LE slow

# libFuzzer targets (fuzz/), built with clang-14 under ASan + UBSan, each run
# for FUZZ_SECONDS; corpora and findings stay in $(FUZZ_DIR).
fuzz: deps
	@command -v clang++-14 >/dev/null && test -n "$$(ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" || \
	  { echo "make fuzz needs clang 14 with its runtimes: apt-get install clang-14 libclang-rt-14-dev" >&2; exit 1; }
	cmake -S . -B $(FUZZ_DIR) -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCHRONIK_FUZZ=ON -DCHRONIK_BUILD_TESTS=OFF
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzz_chronicle fuzz_style fuzz_pipeline fuzz_image fuzz_unicode fuzz_style_sample
	fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

# Speed and memory of `chronik render` for the sample, x10 and x100 (medians).
bench: build
	cmake --build $(BUILD_DIR) --target bench

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)
