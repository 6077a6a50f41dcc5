@{ModuleVersion='0.1.0'}
