export * from './common';
export * from './placeholders';
export * from './route';
export * from './clause';
export * from './template';
