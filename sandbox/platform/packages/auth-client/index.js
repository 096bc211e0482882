export const name = 'auth-client';
