export const name = 'eslint-config';
