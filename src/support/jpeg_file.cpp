#include "jpeg_file.hpp"

#include <cstdio>
#include <jpeglib.h>

#include <csetjmp>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace chronik::jpeg {

namespace {

// libjpeg's error manager, extended with the jump back and the message.
struct Errors {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX] = {};
};

void on_error(j_common_ptr c) {
    auto* e = reinterpret_cast<Errors*>(c->err);
    (*c->err->format_message)(c, e->message);
    std::longjmp(e->jump, 1);
}

void on_message(j_common_ptr) {} // warnings are not printed to stderr

// The decoder's state, released by its destructor in the caller's frame.
struct Decoder {
    jpeg_decompress_struct info{};
    Errors errors;
    bool created = false;
    ~Decoder() {
        if (created)
            jpeg_destroy_decompress(&info);
    }
};

bool run_decode(Decoder& d, std::string_view file, Image& out) {
    d.info.err = jpeg_std_error(&d.errors.mgr);
    d.errors.mgr.error_exit = on_error;
    d.errors.mgr.output_message = on_message;
    if (setjmp(d.errors.jump))
        return false;
    jpeg_create_decompress(&d.info);
    d.created = true;
    jpeg_mem_src(&d.info, reinterpret_cast<const unsigned char*>(file.data()),
                 static_cast<unsigned long>(file.size()));
    jpeg_read_header(&d.info, TRUE);
    d.info.dct_method = JDCT_ISLOW;
    if (d.info.jpeg_color_space == JCS_CMYK || d.info.jpeg_color_space == JCS_YCCK)
        d.info.out_color_space = JCS_CMYK;
    else if (d.info.num_components == 1)
        d.info.out_color_space = JCS_GRAYSCALE;
    else
        d.info.out_color_space = JCS_RGB;
    jpeg_start_decompress(&d.info);
    const std::size_t row = static_cast<std::size_t>(d.info.output_width) *
                            static_cast<std::size_t>(d.info.output_components);
    // Sized before the rows are read (a bad_alloc here is thrown in C++
    // frames only: this one holds nothing with a destructor).
    out.samples.assign(row * d.info.output_height, '\0');
    while (d.info.output_scanline < d.info.output_height) {
        JSAMPROW rows[1] = {reinterpret_cast<JSAMPROW>(out.samples.data()) +
                            row * d.info.output_scanline};
        jpeg_read_scanlines(&d.info, rows, 1);
    }
    jpeg_finish_decompress(&d.info);
    out.width = static_cast<int>(d.info.output_width);
    out.height = static_cast<int>(d.info.output_height);
    out.components = d.info.output_components;
    return true;
}

struct Encoder {
    jpeg_compress_struct info{};
    Errors errors;
    bool created = false;
    unsigned char* buffer = nullptr; // jpeg_mem_dest's, malloc'ed
    unsigned long size = 0;
    ~Encoder() {
        if (created)
            jpeg_destroy_compress(&info);
        std::free(buffer);
    }
};

bool run_encode(Encoder& e, const Image& image, int quality) {
    e.info.err = jpeg_std_error(&e.errors.mgr);
    e.errors.mgr.error_exit = on_error;
    e.errors.mgr.output_message = on_message;
    if (setjmp(e.errors.jump))
        return false;
    jpeg_create_compress(&e.info);
    e.created = true;
    jpeg_mem_dest(&e.info, &e.buffer, &e.size);
    e.info.image_width = static_cast<JDIMENSION>(image.width);
    e.info.image_height = static_cast<JDIMENSION>(image.height);
    e.info.input_components = image.components;
    e.info.in_color_space = image.components == 1   ? JCS_GRAYSCALE
                            : image.components == 4 ? JCS_CMYK
                                                    : JCS_RGB;
    jpeg_set_defaults(&e.info);
    jpeg_set_quality(&e.info, quality, TRUE);
    e.info.dct_method = JDCT_ISLOW;
    e.info.optimize_coding = TRUE;
    jpeg_start_compress(&e.info, TRUE);
    const std::size_t row =
        static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.components);
    while (e.info.next_scanline < e.info.image_height) {
        JSAMPROW rows[1] = {
            const_cast<JSAMPROW>(reinterpret_cast<const unsigned char*>(image.samples.data()) +
                                 row * e.info.next_scanline)};
        jpeg_write_scanlines(&e.info, rows, 1);
    }
    jpeg_finish_compress(&e.info);
    return true;
}

} // namespace

std::string decode(std::string_view file, Image& out) {
    out = Image{};
    Decoder d;
    if (!run_decode(d, file, out)) {
        out = Image{};
        return d.errors.message[0] ? d.errors.message : "libjpeg cannot decode it";
    }
    return {};
}

std::string encode(const Image& image, int quality) {
    if (image.width <= 0 || image.height <= 0 ||
        (image.components != 1 && image.components != 3 && image.components != 4) ||
        image.samples.size() != static_cast<std::size_t>(image.width) *
                                    static_cast<std::size_t>(image.height) *
                                    static_cast<std::size_t>(image.components))
        throw std::invalid_argument("jpeg::encode: samples do not match the size");
    Encoder e;
    if (!run_encode(e, image, quality))
        throw std::runtime_error(std::string("cannot encode a JPEG: ") + e.errors.message);
    return std::string(reinterpret_cast<const char*>(e.buffer), e.size);
}

} // namespace chronik::jpeg
