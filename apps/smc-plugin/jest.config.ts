export default {
  displayName: 'smc-plugin',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
