console.log('admin-ui');
