console.log('simulator');
