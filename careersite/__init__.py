"""careersite: a static site generator for NHS healthcare careers in England."""
