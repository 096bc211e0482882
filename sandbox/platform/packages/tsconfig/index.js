export const name = 'tsconfig';
