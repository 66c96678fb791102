// What a token is (Index.kind): an English word (stem), a single Chinese character, a pair of Chinese
// characters. A module of its own so the index's helpers can use them without importing index.ts.
export const TOKEN_WORD = 0;
export const TOKEN_CHAR = 1;
export const TOKEN_PAIR = 2;
