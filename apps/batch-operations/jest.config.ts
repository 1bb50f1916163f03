export default {
  displayName: 'batch-operations',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
