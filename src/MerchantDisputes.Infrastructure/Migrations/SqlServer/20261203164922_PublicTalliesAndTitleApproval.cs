using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantDisputes.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PublicTalliesAndTitleApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "TitleApprovedAt",
                table: "Disputes",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PublicTallies",
                columns: table => new
                {
                    Period = table.Column<int>(type: "int", nullable: false),
                    PlatformId = table.Column<int>(type: "int", nullable: false),
                    Dimension = table.Column<int>(type: "int", nullable: false),
                    Key = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicTallies", x => new { x.Period, x.PlatformId, x.Dimension, x.Key });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublicTallies");

            migrationBuilder.DropColumn(
                name: "TitleApprovedAt",
                table: "Disputes");
        }
    }
}
