# A thin layer over CMake, as in Neovim's Makefile.
#   make        install what is missing, build (Release), render the sample into output/
#   make test   the same set-up, then the whole test suite through ctest
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SAMPLE := data/lecos-chronik.xml

.PHONY: all deps build sample test bench clean

all: sample

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

sample: build
	$(BUILD_DIR)/chronik render $(SAMPLE) -o output

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Speed and memory of `chronik render` for the sample, x10 and x100 (medians).
bench: build
	cmake --build $(BUILD_DIR) --target bench

clean:
	rm -rf $(BUILD_DIR)
