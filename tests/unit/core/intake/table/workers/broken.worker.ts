// An import worker that cannot load: imports must fall back to preparing inline.
throw new Error('this worker cannot load');
