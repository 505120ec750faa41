module github.com/boombuler/barcode

go 1.12
