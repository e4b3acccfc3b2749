/** Guarantor's pure domain: types and algorithms, no I/O. */
export {};
