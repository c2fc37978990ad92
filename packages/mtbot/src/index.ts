// Public API of mtbot: explicit named exports, grouped by area.
export {};
