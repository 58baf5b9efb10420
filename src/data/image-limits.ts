/**
 * The largest image scratchnet reads or makes, 4096 x 4096 pixels, wherever one comes from (a PNG,
 * an IDX file's header). A network here sees 28 x 28; a phone photo is about 12 megapixels. A file
 * that declares more is refused by its header, before anything is inflated or allocated.
 */
export const MAX_IMAGE_SIDE = 4096;
export const MAX_IMAGE_PIXELS = MAX_IMAGE_SIDE * MAX_IMAGE_SIDE;
