/**
 * Constructor ids the runtime itself knows about, because they are built into TL rather than taken
 * from a schema (core.telegram.org/mtproto/serialize, core.telegram.org/mtproto/TL-abstract-types).
 */

/** `vector#1cb5c415 {t:Type} # [ t ] = Vector t;` — the boxed vector. */
export const VECTOR_ID = 0x1cb5c415;

/** `boolTrue#997275b5 = Bool;` */
export const BOOL_TRUE_ID = 0x997275b5;

/** `boolFalse#bc799737 = Bool;` */
export const BOOL_FALSE_ID = 0xbc799737;

/** `gzip_packed#3072cfa1 packed_data:bytes = Object;` (core.telegram.org/mtproto/service_messages). */
export const GZIP_PACKED_ID = 0x3072cfa1;
