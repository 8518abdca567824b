/**
 * Data as labelled samples: the named data sets (IDX and npm-digit readers, fetching, which runs
 * npm and apt-get and is why this is not part of the core), the user's own files (CSV, NPZ, IDX,
 * folders of PNG/JPEG images, see {@link io.penultimate.data.SampleFiles}), and stratified seeded
 * splits. Depends on the JDK (javax.imageio for images), Jackson and Apache Commons CSV only.
 */
package io.penultimate.data;
