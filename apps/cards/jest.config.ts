export default {
  displayName: 'cards',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
