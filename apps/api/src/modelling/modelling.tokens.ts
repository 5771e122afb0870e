export const TEMPLATES = Symbol('TEMPLATES');
