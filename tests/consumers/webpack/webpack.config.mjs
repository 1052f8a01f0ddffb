import HtmlWebpackPlugin from 'html-webpack-plugin';

/** A plain webpack 5 app: no rule or setting for the package's workers or data. */
export default {
  mode: 'production',
  context: import.meta.dirname,
  entry: './src/index.js',
  output: { path: new URL('./dist/', import.meta.url).pathname, clean: true },
  plugins: [new HtmlWebpackPlugin({ title: 'webpack portal · plan-map consumer' })],
  performance: { hints: false },
};
