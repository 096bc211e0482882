export const name = 'events';
