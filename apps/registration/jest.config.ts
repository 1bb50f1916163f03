export default {
  displayName: 'registration',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
